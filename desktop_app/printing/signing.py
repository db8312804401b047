"""Signing the joint acceptance opinion as an electronic certificate (电子证照) with pyHanko.

The bureau's certificate is a PKCS#12 file named in the settings (``signing_certificate``); its
password comes from ``--ask-password``, the environment variable JOINT_ACCEPTANCE_SIGNING_PASSWORD
or the system keyring (service "joint-acceptance-signing", the certificate's absolute path as the
user name) — never from the database, as for the CalDAV password.

Everything that can be wrong with the certificate (no file, wrong password, no key, expired) is
found by ``load_signer`` before anything is printed or numbered. ``sign_pdf`` then adds a visible
PAdES-style signature (adbe.pkcs7.detached, SHA-256) in an incremental update, its box drawn
over the seal cell the PDF writer reported, so any PDF reader shows and verifies it.

No Qt here: pyHanko works on the written file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store.secrets import NoKeyring, secret, store_secret
from desktop_app.paths import FONTS
from desktop_app.printing.paged_output import PlacedAnchor

PASSWORD_VARIABLE = "JOINT_ACCEPTANCE_SIGNING_PASSWORD"
KEYRING_SERVICE = "joint-acceptance-signing"
FIELD_NAME = "BureauSeal"
STAMP_FONT = FONTS / "JASNotoSansSC-Regular.otf"
STAMP_RED = (0.71, 0.07, 0.11)           # document_style.RED
STAMP_TEXT = "电子签章\n%(signer)s\n%(when)s"


T = TypeVar("T")


class SigningError(InputError):
    """The opinion cannot be signed as asked; nothing was printed or numbered."""


@dataclass(frozen=True)
class BureauSigner:
    """A certificate checked and ready to sign with."""

    path: Path
    subject: str                  # the certificate's common name (the bureau)
    not_after: dt.datetime
    signer: object                # pyhanko.sign.signers.SimpleSigner


@dataclass(frozen=True)
class SignatureText:
    """What the signature says besides the certificate: why, where, whom to call, when (bureau time)."""

    reason: str
    location: str
    contact: str
    when: str


# --- the certificate and its password ----------------------------------------------------------
def certificate_path(setting: str) -> Path:
    """The certificate named in the settings; refused when none is set or the file is missing."""
    if not setting.strip():
        raise SigningError(tr("No signing certificate is set; name the bureau's PKCS#12 file with "
                              "`joint-acceptance settings signing_certificate FILE.p12`. Nothing was printed."))
    path = Path(setting.strip()).expanduser()
    if not path.is_file():
        raise SigningError(tr("The signing certificate {path} does not exist; nothing was printed.", path=path))
    return path.resolve()


def signing_password(path: Path, environ: dict[str, str] | None = None) -> str | None:
    """The certificate's password: the environment variable first, then the system keyring."""
    return secret([PASSWORD_VARIABLE], [(KEYRING_SERVICE, str(path))], environ)


def remember_signing_password(path: Path, password: str) -> None:
    """Store the password in the system keyring, where ``signing_password`` finds it next time."""
    try:
        store_secret(KEYRING_SERVICE, str(path), password)
    except NoKeyring:
        raise SigningError(tr("No system keyring is available on this computer: the password was used for "
                              "this signature only. Set {variable} to give it without typing.",
                              variable=PASSWORD_VARIABLE)) from None
    except Exception as error:   # the keyring backend refused
        raise SigningError(tr("The system keyring did not store the password ({reason}); it was used for "
                              "this signature only.", reason=str(error)[:200])) from None


def load_signer(path: Path, password: str | None, now: dt.datetime) -> BureauSigner:
    """Open the PKCS#12 file and check it can sign at ``now``; SigningError naming the problem otherwise."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningError(tr("Cannot read the signing certificate {path} ({reason}); nothing was printed.",
                              path=path, reason=error.strerror or error)) from None
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None)
    except ValueError:
        if password is None:
            raise SigningError(tr("The signing certificate {path} needs its password: give --ask-password, set "
                                  "{variable}, or store it in the system keyring (--ask-password "
                                  "--remember-password). Nothing was printed.",
                                  path=path, variable=PASSWORD_VARIABLE)) from None
        raise SigningError(tr("The signing certificate {path} cannot be opened: the password is wrong, or the "
                              "file is not a PKCS#12 (.p12/.pfx) file. Nothing was printed.", path=path)) from None
    if key is None or certificate is None:
        raise SigningError(tr("The signing certificate {path} holds no private key and certificate; export "
                              "it again with its key. Nothing was printed.", path=path))
    subject = _common_name(certificate)
    if certificate.not_valid_after_utc < now:
        raise SigningError(tr("The signing certificate {path} ({subject}) expired on {date}; renew it before "
                              "signing. Nothing was printed.", path=path, subject=subject,
                              date=certificate.not_valid_after_utc.date().isoformat()))
    if certificate.not_valid_before_utc > now:
        raise SigningError(tr("The signing certificate {path} ({subject}) is valid only from {date}; nothing "
                              "was printed.", path=path, subject=subject,
                              date=certificate.not_valid_before_utc.date().isoformat()))
    return BureauSigner(path, subject, certificate.not_valid_after_utc, _pyhanko_signer(key, certificate, chain))


@dataclass(frozen=True)
class Signed(Generic[T]):
    """What ``sign_as_bureau`` did: the written document, who signed it, and whether the password was stored
    (``remember_error`` says why not; the signed document stands either way)."""

    written: T
    signer: BureauSigner
    remembered: bool = False
    remember_error: SigningError | None = None


def sign_as_bureau(setting: str, write: Callable[[BureauSigner], T], *, now: dt.datetime,
                   typed: Callable[[Path], str | None] | None = None, required: Callable[[Path], str] | None = None,
                   remember: bool = False) -> Signed[T]:
    """The signing flow of the CLI and the print dialog: the certificate the settings name → its password,
    ``typed`` (asked once the path is known) or else looked up (environment, keyring) → ``load_signer`` →
    ``write(signer)`` → with ``remember``, the password stored in the keyring once the document is written.
    ``required``: the message when no password was found and the front end will not try without one."""
    path = certificate_path(setting)
    password = typed(path) if typed is not None else signing_password(path)
    if not password and required is not None:
        raise SigningError(required(path))
    signer = load_signer(path, password, now)
    written = write(signer)
    if not (remember and password):
        return Signed(written, signer)
    try:
        remember_signing_password(signer.path, password)
    except SigningError as error:
        return Signed(written, signer, remember_error=error)
    return Signed(written, signer, remembered=True)


def _common_name(certificate) -> str:
    from cryptography.x509.oid import NameOID

    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def _pyhanko_signer(key, certificate, chain):
    # Built from the objects cryptography already checked: pyHanko's own PKCS#12 loader only logs
    # a wrong password and returns None.
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(cert) -> x509.Certificate:
        return x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    signing_key = keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    own = asn1(certificate)
    return SimpleSigner(signing_cert=own, signing_key=signing_key,
                        cert_registry=SimpleCertificateStore.from_certs([own, *(asn1(c) for c in chain or ())]))


# --- the signature -------------------------------------------------------------------------------
def seal_box(placed: Sequence[PlacedAnchor], name: str) -> PlacedAnchor:
    for anchor in placed:
        if anchor.name == name:
            return anchor
    raise RuntimeError(f"the document has no {name!r} mark to sign over")


def sign_pdf(content: bytes, signer: BureauSigner, box: PlacedAnchor, text: SignatureText) -> bytes:
    """The PDF ``content`` signed: a visible signature over ``box`` (an incremental update)."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers

    style = stamp.TextStampStyle(
        stamp_text=STAMP_TEXT, border_width=2, border_color=STAMP_RED, background=None,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(STAMP_FONT)), font_size=9, leading=12,
                                    text_color=STAMP_RED),
        # The text at the top of the box: the bureau's name and the date printed under it stay readable.
        inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MAX,
                                                 margins=Margins(left=4, right=4, top=3, bottom=3)))
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256", name=signer.subject,
                                        reason=text.reason, location=text.location, contact_info=text.contact)
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=box.page, box=tuple(round(v) for v in box.box))
    try:
        source = io.BytesIO(content)
        signed = io.BytesIO()
        signers.PdfSigner(meta, signer.signer, stamp_style=style, new_field_spec=spec).sign_pdf(
            IncrementalPdfFileWriter(source), output=signed,
            appearance_text_params={"signer": signer.subject, "when": text.when})
    except Exception as error:   # pyHanko's many error types: one message, nothing printed
        raise SigningError(tr("Signing with {path} failed ({reason}); nothing was printed.", path=signer.path,
                              reason=str(error)[:200] or type(error).__name__)) from None
    return signed.getvalue()
