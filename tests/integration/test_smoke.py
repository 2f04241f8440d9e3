"""The harness itself: the daemon answers and the test image is there."""

from incus_sdk import Client

from .conftest import TEST_IMAGE, incus


async def test_server_answers(client: Client) -> None:
    info = await client.get_server_info()
    assert info.api_version == "1.0"
    assert info.environment is not None
    assert info.environment.server_version == incus("version").split("Server version:")[1].strip()


async def test_project_fixture_is_isolated(project: Client) -> None:
    assert project.project is not None
    assert project.project.startswith("sdkt-")
    assert project.project in incus("project", "list", "--format", "csv")


def test_image_present() -> None:
    assert TEST_IMAGE in incus("image", "alias", "list", "--format", "csv")
