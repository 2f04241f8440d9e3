"""Shared test settings."""

# pytester: the pytest plugin (incus_sdk.pytest_plugin) is tested by running pytest on example tests.
pytest_plugins = ["pytester"]
