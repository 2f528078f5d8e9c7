from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect


@login_not_required
def home(request):
    """The site root sends each kind of user to their own home page."""
    user = request.user
    if not user.is_authenticated:
        return redirect("login")
    if user.is_office_staff:
        return redirect("office:home")
    return redirect("portal:home")
