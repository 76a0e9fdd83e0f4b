"""The test suite (a package: helpers are imported as tests.builders, tests.returns_kit, ...)."""
