"""The model base classes shared by every resource family.

Models follow the definitions of the Incus REST API spec. Field names are
the JSON names (Incus uses snake_case), unknown fields sent by newer servers
are kept (``extra="allow"``), and every model round-trips through
:meth:`IncusModel.to_dict` / :meth:`IncusModel.from_dict`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

T = TypeVar("T", bound="IncusModel")


class IncusModel(BaseModel):
    """Base for every model: spec fields, extras kept, dict round-trip."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        # Go encodes empty maps and slices as null; read those as the field's
        # default (an empty dict/list, "" or 0) rather than rejecting them.
        if isinstance(data, dict) and None in data.values():
            return {k: v for k, v in data.items() if v is not None}
        return data

    def to_dict(self, *, exclude_unset: bool = False) -> dict[str, Any]:
        """Return the model as the JSON-ready dict the API uses.

        Args:
            exclude_unset: Leave out fields never set (for partial updates).

        Returns:
            The dict, with the API's field names and any unknown fields.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=exclude_unset)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any], client: Any = None, etag: str | None = None) -> T:
        """Build the model from an API dict.

        Args:
            data: The dict (e.g. an envelope's ``metadata``).
            client: What the model's convenience methods act through (its
                sub-API, or the :class:`~incus_sdk.Client`); ignored by plain
                models.
            etag: The ETag the dict was read with.

        Returns:
            The model.
        """
        return cls.model_validate(data)


class Resource(IncusModel):
    """A model read from the server, with convenience methods bound to a client.

    ``Resource(client=..., **fields)`` builds one by hand, as in the seed SDK;
    the API's ``get`` / ``list`` methods return them bound already.
    """

    _client: Any = PrivateAttr(default=None)
    _etag: str | None = PrivateAttr(default=None)

    def __init__(self, client: Any = None, **data: Any) -> None:
        super().__init__(**data)
        self._client = client

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any], client: Any = None, etag: str | None = None) -> T:
        model = cls.model_validate(data)
        model._client = client  # type: ignore[attr-defined]
        model._etag = etag  # type: ignore[attr-defined]
        return model

    @property
    def etag(self) -> str | None:
        """The ETag this object was read with (``get`` only), for ``If-Match``."""
        return self._etag

    def _api(self, family: str) -> Any:
        """Return the sub-API of ``family`` that this object is bound to.

        Raises:
            ValueError: If the object is not bound to a client.
        """
        if self._client is None:
            raise ValueError("No client available")
        return getattr(self._client, family, self._client)

    def __repr__(self) -> str:
        name = getattr(self, "name", None)
        if name is None:
            name = getattr(self, "fingerprint", None)
        return f"<{type(self).__name__}: {name}>" if name is not None else f"<{type(self).__name__}>"
