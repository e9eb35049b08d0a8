"""The administrators' forms: inviting someone, changing someone's account, and one term of a
vocabulary. They only read what was typed; `accounts.administration` and
`moderation.vocabulary` check it and say what is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm

from portal.forms import text


class InviteForm(FlaskForm):
    """A member of staff to invite: who they are and the role they will have."""

    name = text("Name")
    email = text("Email address")
    role = text("What will they do?")

    def values(self) -> dict[str, str]:
        """What `administration.invite_user` takes, and the page shows again on an error."""
        return {
            "name": self.name.data,
            "email": self.email.data,
            "role": self.role.data,
        }


class UserForm(FlaskForm):
    """Someone's role, and whether their account is open ("yes") or closed ("no")."""

    role = text("Role")
    active = text("Account")


class TermForm(FlaskForm):
    """A term's name and description, and (for a term already listed) which way to move it
    ("up", "down", or "" to leave it). Built with the term's saved values, so a post that
    leaves a field out keeps what was saved."""

    name = text("Name")
    description = text("Description")
    move = text("Place in the list")
