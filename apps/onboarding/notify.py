"""Tell a user something in the app and by e-mail (Django's mail backend)."""

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification


def notify(*, user, subject, message, link="", email=None) -> Notification:
    notification = Notification.objects.create(user=user, message=message[:500], link=link)
    address = email or user.email
    if address:
        body = message + (f"\n\n{link}" if link else "")
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return notification
