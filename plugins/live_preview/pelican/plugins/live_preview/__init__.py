"""The live preview of `make devserver`: one process that rebuilds on every saved file and reloads the open pages; not a Pelican plugin."""
