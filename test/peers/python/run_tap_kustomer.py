"""Runs the published singer-io tap-kustomer unchanged except for its API host.

KustomerClient builds base_url = 'https://api.kustomerapp.com/v1' in __init__; this wrapper rewrites only
the scheme and host to KUSTOMER_API_HOST (e.g. http://127.0.0.1:41234) and then calls the tap's own main().
"""
import os
import sys

import tap_kustomer
import tap_kustomer.client as client

HOST = os.environ['KUSTOMER_API_HOST'].rstrip('/')
_original_init = client.KustomerClient.__init__


def _init(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    self.base_url = '{}/{}'.format(HOST, client.API_VERSION)


client.KustomerClient.__init__ = _init

if __name__ == '__main__':
    sys.exit(tap_kustomer.main())
