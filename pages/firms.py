"""기업 (Firms) page: resident, supported and attracted firms and start-ups per hub and year."""

from dashboard import family_page

family_page.render("firms")
