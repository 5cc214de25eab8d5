package org.lvyue.engine.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh engine for every test, closed afterwards. */
abstract class EngineTest {
    protected DroolsEngine engine;

    @BeforeEach
    void newEngine() {
        engine = new DroolsEngine();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }
}
