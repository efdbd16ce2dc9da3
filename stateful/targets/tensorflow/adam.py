class Adam(keras.optimizers.Optimizer):
    """optax.adam and optax.adamw as a Keras optimizer: epsilon is added to the
    square root of the bias-corrected second moment, as optax does
    (keras.optimizers.Adam adds it before the correction, which moves small
    gradients' steps), and the decoupled weight decay is weight_decay times the
    variable, scaled by the learning rate with the rest of the update."""

    def __init__(
        self,
        learning_rate,
        beta_1,
        beta_2,
        epsilon,
        weight_decay=0.0,
        name="Adam",
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.decoupled_weight_decay = weight_decay

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.moments = [
            self.add_variable_from_reference(v, "moment") for v in variables
        ]
        self.velocities = [
            self.add_variable_from_reference(v, "velocity") for v in variables
        ]

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = keras.ops.cast(learning_rate, variable.dtype)
        count = keras.ops.cast(self.iterations + 1, variable.dtype)
        index = self._get_variable_index(variable)
        moment, velocity = self.moments[index], self.velocities[index]
        self.assign(moment, (1 - self.beta_1) * gradient + self.beta_1 * moment)
        self.assign(
            velocity,
            (1 - self.beta_2) * keras.ops.square(gradient) + self.beta_2 * velocity,
        )
        moment_hat = moment / (1 - keras.ops.power(self.beta_1, count))
        velocity_hat = velocity / (1 - keras.ops.power(self.beta_2, count))
        update = moment_hat / (keras.ops.sqrt(velocity_hat) + self.epsilon)
        update = update + self.decoupled_weight_decay * variable
        self.assign_sub(variable, learning_rate * update)
