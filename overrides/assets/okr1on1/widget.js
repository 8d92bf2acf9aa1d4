// Survey widget: see the widget helper.
