"""성과 (Outcomes) page: sales, investment attracted, patents and other outcomes per hub and year."""

from dashboard import family_page

family_page.render("outcomes")
