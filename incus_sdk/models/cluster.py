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
from . import _spec

ClusterPut = _spec.ClusterPut
ClusterCertificatePut = _spec.ClusterCertificatePut
ClusterMemberConfigKey = _spec.ClusterMemberConfigKey
ClusterMemberPut = _spec.ClusterMemberPut
ClusterMemberPost = _spec.ClusterMemberPost
ClusterMembersPost = _spec.ClusterMembersPost
ClusterMemberState = _spec.ClusterMemberState
ClusterMemberStatePost = _spec.ClusterMemberStatePost
ClusterMemberSysInfo = _spec.ClusterMemberSysInfo
ClusterGroupPut = _spec.ClusterGroupPut
ClusterGroupPost = _spec.ClusterGroupPost
ClusterGroupsPost = _spec.ClusterGroupsPost
ClusterMemberJoinToken = _spec.ClusterMemberJoinToken

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
