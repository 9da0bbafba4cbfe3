"""인력 (People) page: people trained and jobs created per hub and year."""

from dashboard import family_page

family_page.render("personnel")
