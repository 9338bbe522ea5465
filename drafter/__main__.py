from drafter.cli.main import run

run()
