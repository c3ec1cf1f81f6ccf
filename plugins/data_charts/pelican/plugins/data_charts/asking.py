"""What a post's filling asked of the data set, and whether another data set answers it the same.

A long-lived preview keeps a post from its last build while nothing it was
read from changed. For the data set, "changed" is narrower than a file's
stamp: a post whose charts and figures asked nothing of a changed row comes
out the same. So the filling sees the data set through `Asking`, which
notes every question (a cell looked up, a name looked for, a whole list
gone through), and `Answers` gives, for those questions, a digest of what
a data set answers. Two data sets with the same digest for a post's
questions fill it the same: every read of the data set in `placeholders`,
`selection`, `layout` and `sums` goes through the questions below, and
anything else `Asking` does not have raises AttributeError.
"""

import hashlib

# Questions, as tuples: ("cell", period, nationality, measure) for one
# lookup; ("has", list, name) for whether a name is in "periods",
# "nationalities" or "sources"; ("source", id) for one source's record;
# (list,) for one of those lists gone through whole; ("disagreements",) for
# the sum disagreements; ("everything",) for the rows themselves.


class Asking:
    """A data set as a post's filling reads it, noting each question in `questions`."""

    def __init__(self, dataset):
        self._dataset = dataset
        self.questions = set()

    def lookup(self, period, nationality, measure):
        self.questions.add(("cell", period, nationality, measure))
        return self._dataset.lookup(period, nationality, measure)

    @property
    def periods(self):
        return _AskedNames(self, "periods", self._dataset.periods)

    @property
    def nationalities(self):
        return _AskedNames(self, "nationalities", self._dataset.nationalities)

    @property
    def sources(self):
        return _AskedSources(self, self._dataset.sources)

    @property
    def disagreements(self):
        self.questions.add(("disagreements",))
        return self._dataset.disagreements

    @property
    def observations(self):
        self.questions.add(("everything",))
        return self._dataset.observations


class _AskedNames:
    """A set of names: asking whether one is in it is one question; going through it is another."""

    def __init__(self, asking, kind, names):
        self._asking, self._kind, self._names = asking, kind, names

    def __contains__(self, name):
        self._asking.questions.add(("has", self._kind, name))
        return name in self._names

    def _whole(self):
        self._asking.questions.add((self._kind,))
        return self._names

    def __iter__(self):
        return iter(self._whole())

    def __len__(self):
        return len(self._whole())


class _AskedSources(_AskedNames):
    """The sources by id, read as `sources[id]`, `id in sources` or whole."""

    def __init__(self, asking, sources):
        super().__init__(asking, "sources", sources)

    def __getitem__(self, key):
        self._asking.questions.add(("source", key))
        return self._names[key]


class Answers:
    """A data set's answers to questions `Asking` noted, as a digest; one a build, remembering the
    answers to questions about the whole data set."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._whole = {}

    def __call__(self, questions):
        digest = hashlib.sha256()
        for question in sorted(questions):
            digest.update(repr((question, self._answer(question))).encode())
        return digest.hexdigest()

    def _answer(self, question):
        kind = question[0]
        dataset = self._dataset
        if kind == "cell":
            return dataset.lookup(*question[1:])
        if kind == "has":
            _, listed, name = question
            return name in getattr(dataset, listed)
        if kind == "source":
            return dataset.sources.get(question[1])
        if question not in self._whole:
            self._whole[question] = repr(self._whole_answer(kind))
        return self._whole[question]

    def _whole_answer(self, kind):
        dataset = self._dataset
        if kind in ("periods", "nationalities"):
            return sorted(getattr(dataset, kind))
        if kind == "sources":
            return sorted(dataset.sources.items())
        if kind == "disagreements":
            return dataset.disagreements
        if kind == "everything":
            return dataset.observations, dataset.sources, dataset.rules, dataset.disagreements
        raise ValueError(f"no such question about the data set: {kind!r}")
