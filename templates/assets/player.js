/* The run player (see partials/player-assets.mustache). Placeholder until the player lands. */
