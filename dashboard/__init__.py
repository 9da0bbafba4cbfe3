"""Korea AI Hubs Dashboard: data contract, validation, queries, formatting and chart builders."""
