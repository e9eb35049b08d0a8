from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label: str = "Email address") -> EmailField:
    return EmailField(
        label,
        filters=[_strip],
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the correct format, like name@example.com"),
            Length(max=255, message="Email address must be 255 characters or fewer"),
        ],
    )


def _new_password_field(label: str = "Password") -> PasswordField:
    # Length and guessability are checked by portal.accounts.passwords, with the reasons.
    return PasswordField(label, validators=[DataRequired("Enter a password")])


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=200)]
    )


class SignUpForm(FlaskForm):
    name = StringField(
        "Your name",
        filters=[_strip],
        validators=[
            DataRequired("Enter your name"),
            Length(max=100, message="Name must be 100 characters or fewer"),
        ],
    )
    email = _email_field()
    password = _new_password_field("Create a password")


class EmailForm(FlaskForm):
    email = _email_field()


class NewPasswordForm(FlaskForm):
    password = _new_password_field("New password")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password")]
    )
    password = _new_password_field("New password")


class CodeForm(FlaskForm):
    """A code from an authenticator app (checked by portal.accounts.second_factor)."""

    code = StringField("Code", filters=[_strip])


class SetUpSecondFactorForm(FlaskForm):
    current_code = StringField("Code from the app you use now", filters=[_strip])
    code = StringField("Code from the new app", filters=[_strip])
