"""`python -m resinspect`: the command line, as the `resinspect` script."""

from resinspect.cli.app import main

main()
