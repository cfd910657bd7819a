package dev.vigil.api.memory;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.vigil.api.ApiException;
import dev.vigil.api.JsonBody;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /internal/v1/memory}: a {@code MemoryQuery} forwarded by another API instance (see
 * {@link MemoryForwarding}; the body is {@link MemoryQueryJson}), answered from this instance's partitions by
 * {@link MemoryView#answerHere}. Callers prove they are instances of this installation with the shared token;
 * access control was already applied by the instance the user asked.
 */
public final class InternalMemoryResource {
    private final MemoryView memory;
    private final MemoryQueryJson queries;
    private final byte[] token;
    private final JsonBody body;

    public InternalMemoryResource(MemoryView memory, MemoryQueryJson queries, String token, JsonBody body) {
        this.memory = memory;
        this.queries = queries;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.body = body;
    }

    public void answer(Context ctx) {
        String presented = ctx.header(MemoryForwarding.HEADER);
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", "internal route: only other vigil API instances may call it");
        }
        Object answer = memory.answerHere(queries.read(body.bytes(ctx)));
        ctx.json(answer == null ? NullNode.instance : answer);
    }
}
