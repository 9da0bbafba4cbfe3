"""성과 (Outcomes) page: sales, investment attracted, patents and other outcomes per hub and year."""

from dashboard import family_view

family_view.render("outcomes")
