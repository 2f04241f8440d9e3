"""Cluster models: the cluster itself, its members, groups and join tokens.

``ClusterPut`` (bootstrap / join / leave body), ``ClusterMemberPut``
(a member's writable fields), ``ClusterMembersPost`` (join-token request),
``ClusterMemberPost`` (rename), ``ClusterMemberStatePost`` (evacuate /
restore), ``ClusterGroupsPost`` / ``ClusterGroupPut`` / ``ClusterGroupPost``,
``ClusterCertificatePut``, and the resources :class:`Cluster`,
:class:`ClusterMember`, :class:`ClusterGroup` and :class:`ClusterJoinToken`
(defined with their sub-APIs in ``incus_sdk.api.cluster``).
"""

from __future__ import annotations

from ..api.cluster import Cluster, ClusterGroup, ClusterJoinToken, ClusterMember
from ._spec import (
    ClusterCertificatePut,
    ClusterGroupPost,
    ClusterGroupPut,
    ClusterGroupsPost,
    ClusterMemberConfigKey,
    ClusterMemberJoinToken,
    ClusterMemberPost,
    ClusterMemberPut,
    ClusterMembersPost,
    ClusterMemberState,
    ClusterMemberStatePost,
    ClusterMemberSysInfo,
    ClusterPut,
)

__all__ = [
    "Cluster",
    "ClusterCertificatePut",
    "ClusterGroup",
    "ClusterGroupPost",
    "ClusterGroupPut",
    "ClusterGroupsPost",
    "ClusterJoinToken",
    "ClusterMember",
    "ClusterMemberConfigKey",
    "ClusterMemberJoinToken",
    "ClusterMemberPost",
    "ClusterMemberPut",
    "ClusterMemberState",
    "ClusterMemberStatePost",
    "ClusterMemberSysInfo",
    "ClusterMembersPost",
    "ClusterPut",
]
