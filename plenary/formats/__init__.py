"""Date and number formats per language where Django's own differ from how UN documents write
them."""
