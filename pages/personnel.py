"""인력 (People) page: people trained and jobs created per hub and year."""

from dashboard import family_view

family_view.render("personnel")
