import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.accounts.models import User
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPS
    return exif.tobytes()


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_member_sees_their_profile_form(customer_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = customer_client.get(URL)
    assert response.status_code == 200
    assert "@customer" in response.content.decode()


def test_member_changes_display_name_and_bio(customer_client, customer):
    response = customer_client.post(URL, {"display_name": "  Kim   the Cook ", "bio": "Pans!"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.display_name == "Kim the Cook"
    assert customer.bio == "Pans!"
    assert "Kim the Cook" in customer_client.get("/").content.decode()


def test_avatar_is_cropped_square_made_upright_and_loses_its_location(customer_client, customer):
    upload = image_upload(size=(800, 400), exif=_gps_exif())
    response = customer_client.post(URL, {"display_name": "", "bio": "", "avatar": upload})
    assert response.status_code == 302
    customer.refresh_from_db()
    with Image.open(customer.avatar.path) as stored:
        assert stored.size == (256, 256)
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert "photo" not in customer.avatar.name  # the uploaded file name is not kept


def test_a_file_that_is_not_an_image_is_refused_and_the_typed_text_kept(customer_client, customer):
    fake = SimpleUploadedFile("cat.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    response = customer_client.post(
        URL, {"display_name": "Kim", "bio": "Hello there", "avatar": fake}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a picture we can read" in html
    assert 'value="Kim"' in html
    assert "Hello there" in html
    customer.refresh_from_db()
    assert customer.display_name == ""
    assert not customer.avatar


def test_an_svg_pretending_to_be_an_image_is_refused(customer_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    upload = SimpleUploadedFile("a.png", svg, content_type="image/png")
    response = customer_client.post(URL, {"display_name": "", "bio": "", "avatar": upload})
    assert "not a picture we can read" in response.content.decode()


def test_an_oversized_file_is_refused_with_the_limit(customer_client, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = customer_client.post(
        URL,
        {
            "display_name": "",
            "bio": "",
            "avatar": image_upload(size=(600, 600), image_format="PNG"),
        },
    )
    assert response.status_code == 200
    assert "the largest we accept is 1000" in response.content.decode()


def test_a_picture_with_too_many_pixels_is_refused(customer_client, settings):
    settings.UPLOAD_MAX_PIXELS = 100 * 100
    response = customer_client.post(
        URL, {"display_name": "", "bio": "", "avatar": image_upload(size=(300, 300))}
    )
    assert response.status_code == 200
    assert "300 × 300 pixels" in response.content.decode()


@pytest.mark.slow
def test_a_decompression_bomb_is_refused(customer_client):
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")  # tiny file, huge picture
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    response = customer_client.post(URL, {"display_name": "", "bio": "", "avatar": bomb})
    assert response.status_code == 200
    assert "Please make it smaller and try again." in response.content.decode()


def test_member_removes_their_avatar(customer_client, customer):
    customer_client.post(URL, {"display_name": "", "bio": "", "avatar": image_upload()})
    customer.refresh_from_db()
    old_path = customer.avatar.path
    response = customer_client.post(URL, {"display_name": "", "bio": "", "avatar-clear": "on"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert not customer.avatar
    assert not os.path.exists(old_path)


def test_a_too_long_bio_is_refused_and_kept(customer_client):
    response = customer_client.post(URL, {"display_name": "", "bio": "x" * 501})
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 500 characters" in html
    assert "x" * 501 in html


def test_member_opts_out_of_being_credited_in_articles(customer_client, customer):
    assert customer.credit_in_articles
    assert 'name="credit_in_articles"' in customer_client.get(URL).content.decode()

    customer_client.post(URL, {"display_name": "Kim", "bio": ""})
    customer.refresh_from_db()
    assert not customer.credit_in_articles

    customer_client.post(URL, {"display_name": "Kim", "bio": "", "credit_in_articles": "on"})
    customer.refresh_from_db()
    assert customer.credit_in_articles


def test_avatar_changes_are_rate_limited_and_the_page_stays_usable(
    customer_client, customer, settings
):
    settings.AVATAR_RATE_LIMITS = {"member": "2/h", "address": "100/h"}
    for color in ("red", "blue"):
        response = customer_client.post(
            URL, {"display_name": "", "bio": "", "avatar": image_upload(color=color)}
        )
        assert response.status_code == 302
    customer.refresh_from_db()
    second = customer.avatar.name

    response = customer_client.post(
        URL, {"display_name": "Kim", "bio": "Pans!", "avatar": image_upload(color="green")}
    )

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "You can pick a new picture again in" in html
    assert 'value="Kim"' in html and "Pans!" in html  # what they typed is kept
    customer.refresh_from_db()
    assert customer.avatar.name == second
    # Everything else on the page still works.
    response = customer_client.post(URL, {"display_name": "Kim", "bio": "Pans!"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.display_name == "Kim"


def test_avatar_changes_are_rate_limited_per_address_too(client, user_factory, settings):
    settings.AVATAR_RATE_LIMITS = {"member": "100/h", "address": "1/h"}
    for number, expected in ((1, 302), (2, 429)):
        client.force_login(user_factory(username=f"fresh{number}"))
        response = client.post(URL, {"display_name": "", "bio": "", "avatar": image_upload()})
        assert response.status_code == expected
    assert "Retry-After" in response


def test_fresh_accounts_using_up_an_address_never_stop_an_established_members_avatar(
    client, user_factory, settings
):
    """Like posts: new accounts from one address share its budget; a member who has earned
    the right to skip the first-post queue, at the same office, is limited on their own."""
    settings.AVATAR_RATE_LIMITS = {"member": "100/h", "address": "1/h"}
    for number, expected in ((1, 302), (2, 429)):
        client.force_login(user_factory(username=f"fresh{number}"))
        response = client.post(URL, {"display_name": "", "bio": "", "avatar": image_upload()})
        assert response.status_code == expected
    established = user_factory(username="regular", reputation=500)
    client.force_login(established)

    response = client.post(URL, {"display_name": "", "bio": "", "avatar": image_upload()})

    assert response.status_code == 302
    established.refresh_from_db()
    assert established.avatar


def test_a_new_member_gets_e_mail_in_the_language_their_browser_asked_for(client, mailoutbox):
    client.post(
        "/accounts/signup/",
        {
            "email": "nieuw@example.com",
            "username": "nieuwlid",
            "password1": "a-much-longer-passphrase-42",
            "password2": "a-much-longer-passphrase-42",
        },
        HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9,en;q=0.5",
    )
    assert User.objects.get(username="nieuwlid").language == "nl"
    assert "Bevestig" in mailoutbox[0].subject + mailoutbox[0].body


def test_a_member_changes_the_language_of_their_e_mails(customer_client, customer, mailoutbox):
    page = customer_client.get(URL).content.decode()
    assert 'name="language"' in page
    response = customer_client.post(
        URL, {"display_name": "", "bio": "", "credit_in_articles": "on", "language": "nl"}
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.language == "nl"
    # allauth's own mail (a password reset) follows it too, whatever the page's language.
    customer_client.logout()
    customer_client.post("/accounts/password/reset/", {"email": customer.email})
    assert "wachtwoord" in (mailoutbox[-1].subject + mailoutbox[-1].body).lower()


def test_a_language_the_site_does_not_speak_is_refused(customer_client, customer):
    response = customer_client.post(
        URL, {"display_name": "", "bio": "", "credit_in_articles": "on", "language": "fr"}
    )
    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.language == ""
