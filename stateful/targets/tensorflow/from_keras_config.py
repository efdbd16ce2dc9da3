def from_keras_config(cls, config):
    """cls built from its get_config() (as keras.saving.load_model does): each value
    deserialized (an Rngs, a config dataclass, a tuple, a layer); the "*name" entry of a
    *name parameter passed positionally."""
    values = {
        key: keras.saving.deserialize_keras_object(value)
        for key, value in config.items()
    }
    starred = [values.pop(key) for key in list(values) if key.startswith("*")]
    return cls(*(starred[0] if starred else ()), **values)
