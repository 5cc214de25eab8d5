package org.lvyue.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link DistributionIT} with the distribution's store on PostgreSQL: the shipped domain, the roles,
 * and ingestion over REST (a bad batch refused whole, a good one stored and evaluated).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionOnPostgresIT extends DistributionIT {
    @Configuration
    @Override
    public Option[] config() {
        return Distribution.onPostgres(8181, "distribution_it");
    }
}
