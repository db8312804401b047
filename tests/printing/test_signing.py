"""The signed joint acceptance opinion (电子证照): signed through the command line with a throw-away
certificate made here, then verified by pyHanko (trusting the test root) and by poppler's pdfsig."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.store import acceptance_records
from desktop_app.printing.signing import KEYRING_SERVICE, PASSWORD_VARIABLE
from tests.printing.acceptance_flow import PROJECT, accepted_after_reinspection, cli
from tests.printing.conftest import page_count, pdf_text, pdf_words
from tests.printing.test_acceptance_documents import decode_qr

PASSWORD = "证书密码-secret"
BUREAU = "济宁经济技术开发区行政审批局"


@dataclass(frozen=True)
class Certificates:
    p12: Path
    root_pem: Path
    root_der: bytes


def make_certificates(folder: Path, *, expired: bool = False, password: str = PASSWORD) -> Certificates:
    """A test root CA and the bureau's signing certificate issued by it, as a PKCS#12 file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"), x509.NameAttribute(NameOID.COMMON_NAME, common)])

    def usage(ca: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                             encipher_only=False, decipher_only=False)

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (x509.CertificateBuilder().subject_name(name("Test Root CA")).issuer_name(name("Test Root CA"))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=400)).not_valid_after(now + dt.timedelta(days=400))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage(True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    valid_from, valid_to = ((now - dt.timedelta(days=60), now - dt.timedelta(days=1)) if expired
                            else (now - dt.timedelta(days=1), now + dt.timedelta(days=30)))
    leaf = (x509.CertificateBuilder().subject_name(name(BUREAU)).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid_from).not_valid_after(valid_to)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage(False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    p12 = folder / ("expired.p12" if expired else "bureau.p12")
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"bureau", key, leaf, [root], serialization.BestAvailableEncryption(password.encode("utf-8"))))
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return Certificates(p12, root_pem, root.public_bytes(serialization.Encoding.DER))


@pytest.fixture
def accepted(demo_repo, demo_today, db_path, tmp_path):
    """XM2026-005 accepted after a re-inspection; the bureau's certificate named in the settings."""
    accepted_after_reinspection(demo_repo, demo_today)
    certificates = make_certificates(tmp_path)
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(), signing_certificate=str(certificates.p12)))
    return certificates


def _dump(db_path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


def _pyhanko_status(pdf: Path, root_der: bytes):
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    with pdf.open("rb") as handle:
        signatures = PdfFileReader(handle).embedded_signatures
        assert len(signatures) == 1
        signature = signatures[0]
        context = ValidationContext(trust_roots=[x509.Certificate.load(root_der)])
        status = validate_pdf_signature(signature, context)
        rect = [float(v) for v in signature.sig_field["/Rect"]]
        return signature.field_name, status, rect


def _pdfsig(pdf: Path, nss: Path | None = None) -> str:
    command = ["pdfsig", *(["-nssdir", f"sql:{nss}"] if nss else []), str(pdf)]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def _nss_trusting(root_pem: Path, folder: Path) -> Path | None:
    """An NSS database that trusts the test root, for pdfsig's certificate check (certutil: libnss3-tools)."""
    if not shutil.which("certutil"):
        return None
    folder.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{folder}", "-n", "test-root", "-t", "CT,C,C", "-i", str(root_pem)],
                   check=True, capture_output=True)
    return folder


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="pdfsig (poppler-utils) verifies the signature")
def test_signed_opinion_is_valid_for_pyhanko_and_pdfsig_and_visible_over_the_seal(accepted, db_path, tmp_path):
    from pyhanko.sign.validation import SignatureCoverageLevel

    plain, signed = tmp_path / "plain.pdf", tmp_path / "signed.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(plain), "--today",
               "2026-12-11").returncode == 0
    result = cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(signed), "--sign",
                 env={PASSWORD_VARIABLE: PASSWORD})
    assert result.returncode == 0, result.stderr
    assert "济经开联验〔2026〕第 1 号" in result.stdout and BUREAU in result.stdout

    field, status, rect = _pyhanko_status(signed, accepted.root_der)
    assert field == "BureauSeal"
    assert status.intact and status.valid and status.trusted and status.bottom_line, status.pretty_print_details()
    assert status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == BUREAU

    report = _pdfsig(signed)
    assert "Signature Validation: Signature is Valid." in report and "Total document signed" in report
    nss = _nss_trusting(accepted.root_pem, tmp_path / "nss")
    if nss is not None:
        trusted = _pdfsig(signed, nss)
        assert "Signature is Valid." in trusted and "Certificate Validation: Certificate is Trusted." in trusted

    # Visible where the seal goes: the box holds the bureau's name and the date of issue on the last page.
    words, sizes = pdf_words(signed)
    last = page_count(signed)
    height = sizes[last - 1][1]
    x0, y0, x1, y1 = rect
    assert (x1 - x0) > 100 and (y1 - y0) > 60
    date = next(w for w in words if w.page == last and w.text == "2026年12月11日")
    assert x0 < date.x_min and date.x_max < x1 and y0 < height - date.y_max and height - date.y_min < y1
    assert "盖章" not in pdf_text(signed) and "盖章" in pdf_text(plain)

    # The QR code was drawn before signing and says the same as on the unsigned print.
    if shutil.which("zbarimg"):
        (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
        assert decode_qr(signed, tmp_path / "a") == decode_qr(plain, tmp_path / "b")


def test_the_password_can_be_asked_remembered_in_the_keyring_and_found_there(accepted, db_path, tmp_path,
                                                                             memory_keyring, monkeypatch, capsys):
    import getpass

    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": PASSWORD)
    common = ["print", "opinion", PROJECT, "--db", str(db_path), "--sign"]
    assert main([*common, "--out", str(tmp_path / "a.pdf"), "--ask-password", "--remember-password"]) == 0
    assert memory_keyring.passwords == {(KEYRING_SERVICE, str(accepted.p12.resolve())): PASSWORD}
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": pytest.fail("asked again"))
    assert main([*common, "--out", str(tmp_path / "b.pdf")]) == 0
    assert _pyhanko_status(tmp_path / "b.pdf", accepted.root_der)[1].bottom_line


@pytest.mark.parametrize("case, message", [
    ("no_setting", "尚未设置签章证书"),
    ("missing_file", "不存在"),
    ("wrong_password", "密码错误"),
    ("no_password", "需要密码"),
    ("not_pkcs12", "不是 PKCS#12"),
    ("expired", "已于"),
    ("not_accepted", "各部门均通过后才能出具"),
])
def test_signing_problems_exit_2_with_one_message_and_leave_nothing(accepted, demo_repo, db_path, tmp_path,
                                                                     memory_keyring, monkeypatch, capsys, case,
                                                                     message):
    settings = demo_repo.settings()
    code = PROJECT
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    if case == "no_setting":
        demo_repo.save_settings(dataclasses.replace(settings, signing_certificate=""))
    elif case == "missing_file":
        demo_repo.save_settings(dataclasses.replace(settings, signing_certificate=str(tmp_path / "gone.p12")))
    elif case == "wrong_password":
        monkeypatch.setenv(PASSWORD_VARIABLE, "not the password")
    elif case == "no_password":
        monkeypatch.delenv(PASSWORD_VARIABLE)
    elif case == "not_pkcs12":
        accepted.root_pem.replace(accepted.p12)
    elif case == "expired":
        (tmp_path / "old").mkdir()
        expired = make_certificates(tmp_path / "old", expired=True)
        demo_repo.save_settings(dataclasses.replace(settings, signing_certificate=str(expired.p12)))
    elif case == "not_accepted":
        code = "XM2026-001"
    folder = tmp_path / "out"
    folder.mkdir()
    before = _dump(db_path)
    capsys.readouterr()

    status = main(["--lang", "zh_CN", "print", "opinion", code, "--db", str(db_path), "--out",
                   str(folder / "o.pdf"), "--sign"])

    error = capsys.readouterr().err
    assert status == 2
    assert len(error.strip().splitlines()) == 1 and message in error
    assert list(folder.iterdir()) == [] and _dump(db_path) == before
    assert acceptance_records.opinion_number(demo_repo.db, PROJECT) is None


def test_password_options_without_sign_are_a_usage_error(accepted, db_path, tmp_path, capsys):
    assert main(["print", "opinion", PROJECT, "--db", str(db_path), "--out", str(tmp_path / "o.pdf"),
                 "--ask-password"]) == 2
    assert "--sign" in capsys.readouterr().err and not (tmp_path / "o.pdf").exists()
