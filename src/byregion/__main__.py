from byregion.cli import main

main()
