def lstm_update(c, gates, gate_fn, activation_fn):
    """One LSTM step from each gate's summed input and recurrent parts (i, f, g, o):
    the new memory f * c + i * g and the new output o * activation_fn(memory)."""
    i, f, g, o = gates
    c = gate_fn(f) * c + gate_fn(i) * activation_fn(g)
    return c, gate_fn(o) * activation_fn(c)
