package org.lvyue.api.engine;

import java.time.Duration;

/**
 * What the engine's memory budget holds and did since the engine started: the contracts' working
 * memories held and their estimated size against the budget, the releases (idle, or for the budget)
 * and the rebuilds from the store that followed, with their times.
 *
 * @param budgetBytes the bytes the working memories may hold together
 * @param idle how long a working memory may stay unused before it is released
 * @param held working memories held now
 * @param heldBytes their estimated size
 * @param inUse working memories being evaluated or taking records now (never released meanwhile)
 * @param builds sessions built, first builds and rebuilds
 * @param rebuilds builds of a memory released before, from its store
 * @param lastRebuildMillis the last rebuild's time (reading the store and building), 0 before the first
 * @param maxRebuildMillis the longest rebuild
 * @param totalRebuildMillis all rebuilds together
 * @param idleReleases memories released after the idle time
 * @param budgetReleases memories released, least recently used first, to stay within the budget
 */
public record MemoryFigures(long budgetBytes, Duration idle, int held, long heldBytes, int inUse, long builds, long rebuilds,
        long lastRebuildMillis, long maxRebuildMillis, long totalRebuildMillis, long idleReleases, long budgetReleases) {
}
