"""`make bench`: generate sites of several sizes, build them every way, print the table."""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import drawing, live, report, search
from .builders import Hugo, Ours, available
from .runs import BuildFailed, measure
from .sitegen import generate

# Repetitions per size, chosen to keep the whole run near ten minutes on two cores.
DEFAULT_SIZES = {100: 5, 1000: 3, 3000: 2}


def parse_sizes(text):
    """'100:5,1000:3' -> {100: 5, 1000: 3}; a size without ':n' gets 3 runs."""
    sizes = {}
    for item in text.split(","):
        posts, _, runs = item.partition(":")
        sizes[int(posts)] = int(runs or 3)
    return sizes


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES,
                        help="posts:runs pairs, e.g. 100:5,1000:3,3000:2 (the default)")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--results", type=Path, default=Path("bench-results"))
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args(argv)

    if not available(Hugo):
        print("hugo is not installed: Hugo is left out of the comparison "
              "(`apt-get install hugo` adds it).")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="grant-rate-bench-"))
    results, summaries, searches, costs = [], {}, {}, None
    previews, hugo_edits = {}, {}
    try:
        for posts, runs in sorted(args.sizes.items()):
            print(f"{posts} posts: generating (seed {args.seed}), then {runs} runs of each build")
            site = generate(work / str(posts), posts, args.seed)
            if costs is None:
                sample = min(drawing.SAMPLE, len(site.charts))
                costs = drawing.drawing_costs(site, sample)
                print(drawing.table(costs, sample), "\n", flush=True)
            result = measure(site, runs)
            results.append(result)
            summaries[posts] = report.summarise(result)
            print(report.table(result, summaries[posts]), "\n", flush=True)
            searches[posts] = search.measure(Ours(site).output, runs)
            print(report.search_table({posts: searches[posts]}), "\n", flush=True)
            previews[posts] = live.measure(site, site.root)
            hugo_edits[posts] = summaries[posts].get(("hugo", "one-post"), {}).get("seconds")
            print(live.table({posts: previews[posts]}, hugo_edits), "\n", flush=True)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    text = report.markdown(results, summaries, total, searches)
    if costs is not None:
        text += "\n" + drawing.table(costs, sample) + "\n"
    if previews:
        text += "\n" + live.table(previews, hugo_edits) + "\n"
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.md").write_text(text, encoding="utf-8")
    (args.results / "latest.json").write_text(report.as_json(results, summaries, total, searches, costs, previews),
                                              encoding="utf-8")
    print(text)
    print(f"written to {args.results / 'latest.md'} and latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
