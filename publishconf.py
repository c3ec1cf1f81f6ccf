"""Production settings: `make publish`. Everything else comes from pelicanconf."""

from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

# Pelican reads a settings file by its path, so pelicanconf is loaded the same way.
_spec = spec_from_file_location("pelicanconf", Path(__file__).with_name("pelicanconf.py"))
_base = module_from_spec(_spec)
_spec.loader.exec_module(_base)
globals().update({key: value for key, value in vars(_base).items() if key.isupper()})

SITEURL = "https://grantrate.example"
# Published pages link absolutely, as search engines and scrapers prefer.
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# The intake service behind the public site's reverse proxy (README: Comments).
COMMENTS_ENDPOINT = "https://grantrate.example/comments"
