"""What indicators adds to the pages of the floors below (see `core.contributions`)."""
