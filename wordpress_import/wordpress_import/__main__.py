"""`python -m wordpress_import`: the same as the `wordpress-import` command."""

from .cli import main

raise SystemExit(main())
