"""Shared test settings."""

import asyncio


def stray_tasks() -> set[asyncio.Task[object]]:
    """The tasks left running in this loop, but for the current one and the clients' operation-event listeners."""
    from incus_sdk._watch import TASK_NAME

    return {t for t in asyncio.all_tasks() if t is not asyncio.current_task() and t.get_name() != TASK_NAME}


# pytester: the pytest plugin (incus_sdk.pytest_plugin) is tested by running pytest on example tests.
pytest_plugins = ["pytester"]
