def dataclass_config(config):
    """A config dataclass's get_config, so that Keras saves it with the layer it
    configures: its constructor fields."""
    return {
        field.name: getattr(config, field.name)
        for field in dataclasses.fields(config)
        if field.init
    }
