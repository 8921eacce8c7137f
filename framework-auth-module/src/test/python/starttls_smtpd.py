"""A real SMTP server on loopback for the SMTP sender's STARTTLS test, on Debian's python3-aiosmtpd.

usage: starttls_smtpd.py HOST CERT KEY USER PASSWORD FOLDER

Listens on HOST at a port the system picks and prints "listening PORT" once it accepts. STARTTLS
(RFC 3207) is required before any other command but EHLO, NOOP, QUIT; AUTH (PLAIN, LOGIN) is
required before MAIL and accepted only over TLS, for USER with PASSWORD. Each message received is
written to FOLDER as N.eml (the bytes as received) and N.json (envelope sender and recipients,
whether the session was under TLS, its TLS version, the authenticated user). Runs until killed.
"""
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Folder:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        cipher = session.ssl.get("cipher") if session.ssl else None
        facts = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "tlsVersion": cipher[1] if cipher else None,
            "login": session.auth_data,
        }
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json.tmp", "w") as f:
            json.dump(facts, f)
        # The .json last: the test reads a message once its .json exists.
        os.replace(base + ".eml.tmp", base + ".eml")
        os.replace(base + ".json.tmp", base + ".json")
        return "250 OK"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        if ok:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)  # the server answers 535
    return check


async def main(host, cert, key, user, password, folder):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Folder(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", tls_context=context, require_starttls=True,
                     auth_required=True, auth_require_tls=True, authenticator=authenticator(user, password),
                     loop=loop),
        host, 0)
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
