"""Where a request comes from: the client's address, and the network it is counted by.

Only the network is ever stored (/24 for IPv4, /48 for IPv6): enough to slow
down one flooding household or office, too little to name a person.
"""

import ipaddress


def client_address(peer, forwarded_for, trusted):
    """The client's address: the peer, unless the peer is a trusted proxy.

    X-Forwarded-For is read from the right, skipping trusted proxies; the
    first address not among them is the client. Anything left of it was
    written by the client itself and proves nothing.
    """
    address = _parse(peer)
    if address is None or not _is_trusted(address, trusted) or not forwarded_for:
        return address
    for item in reversed([part.strip() for part in forwarded_for.split(",")]):
        hop = _parse(item)
        if hop is None:
            return address
        address = hop
        if not _is_trusted(hop, trusted):
            return hop
    return address


def network_of(address):
    """'203.0.113.0/24' or '2001:db8:1::/48': what is stored and rate-limited."""
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _parse(text):
    try:
        return ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, trusted):
    return any(address in network for network in trusted)
