"""예산 (Budgets) page: budgets, programme spending and R&D funding per hub and year."""

from dashboard import family_page

family_page.render("budgets")
