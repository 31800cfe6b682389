from vncoop.cli.entry import run

run()
