"""Protocol logic without I/O: envelopes, operation status, stream framing."""
