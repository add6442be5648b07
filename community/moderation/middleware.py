"""Makes the client's address known to the trust rules for the length of one request."""

from community.common.ratelimit import client_ip

from .trust import client_address


class ClientAddressMiddleware:
    """Services never see the request, yet the per-address flood limit in
    ``trust.post_admit`` must hold on every path that posts; this hands them the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_address.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
