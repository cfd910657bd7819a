package dev.vigil.models.bundle;

/**
 * How many visual tokens a clip may leave the encoder with.
 *
 * @param tokensPerFrame merged tokens per frame on average (VideoChat-Flash: 16)
 * @param clipFrames frames encoded together as one clip (VideoChat-Flash: 4)
 */
public record TokenBudget(int tokensPerFrame, int clipFrames) {

    /** 16 tokens per frame, 4-frame clips: 64 tokens per clip. */
    public static final TokenBudget DEFAULT = new TokenBudget(16, 4);

    public TokenBudget {
        if (tokensPerFrame < 1 || clipFrames < 1) {
            throw new BundleException("tokenBudget.tokensPerFrame and tokenBudget.clipFrames must be at least 1, got "
                    + tokensPerFrame + " and " + clipFrames);
        }
    }

    /** Tokens per clip after merging. */
    public int tokensPerClip() {
        return tokensPerFrame * clipFrames;
    }
}
