package io.retailseg.server;

import java.util.Optional;

/**
 * Where the served runs come from when they are not run folders, e.g. a database the runs were published to
 * ({@code serve --run postgresql://...}): the start and every {@code POST /api/admin/reload} ask it for a
 * whole new {@link RunSnapshot}.
 */
public interface RunProvider {
    /**
     * The run to serve.
     *
     * @param run a run the reload named ({@code {"run": "ID"}}), or empty: the provider's own choice (the newest
     *     run, or the one it was started with)
     * @throws io.retailseg.InputException when there is no such run or it is malformed (the reload answers 400)
     */
    RunSnapshot load(Optional<String> run);
}
