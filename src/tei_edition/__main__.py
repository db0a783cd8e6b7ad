from tei_edition.cli import main

raise SystemExit(main())
