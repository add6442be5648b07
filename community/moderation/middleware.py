"""Makes the client's address known to the trust rules for the length of one request."""

from community.common.middleware import RequestStateMiddleware
from community.common.ratelimit import client_ip

from .trust import client_address


class ClientAddressMiddleware(RequestStateMiddleware):
    """Services never see the request, yet the per-address flood limit in
    ``trust.post_admit`` must hold on every path that posts; this hands them the address."""

    state = client_address

    def start(self, request):
        return client_ip(request)
