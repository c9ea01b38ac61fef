package io.mediaroutes.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.LRUCacheFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * The drops already taken, in the database (table CAMEL_MESSAGEPROCESSED, processor "drop"), so each is taken once
 * across restarts and instances. Two additions to Camel's JDBC repository:
 * <ul>
 * <li>When two instances add one key at the same moment, the primary key lets one win; the other is told "already
 * taken" instead of failing.</li>
 * <li>The keys known to be taken are remembered (the newest {@value #REMEMBERED}, for {@link #REMEMBER_FOR}): a drop
 * stays in the folder until its insights are delivered, and the folder consumer asks about every file at every
 * scan, which was a query per file four times a second. Only "taken" is remembered, and only for a while: Camel
 * removes a key when an exchange fails in eager mode (to take the drop again), and an instance that remembered
 * it as taken must see that, or the drop would wait for its restart should the instance that removed it die.
 * (The shipped routes add a key only once its drop is handled, so no key they add is removed.)</li>
 * </ul>
 */
public class DropRepository extends JdbcMessageIdRepository {

    static final int REMEMBERED = 10_000;
    static final Duration REMEMBER_FOR = Duration.ofMinutes(1);

    private final Map<String, Instant> taken = LRUCacheFactory.newLRUCache(REMEMBERED); // key -> when it was known taken
    private final Clock clock;

    public DropRepository(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    DropRepository(DataSource dataSource, Clock clock) {
        super(dataSource, "drop");
        this.clock = clock;
        setCreateTableIfNotExists(false); // Flyway creates CAMEL_MESSAGEPROCESSED
    }

    @Override
    public boolean contains(String key) {
        Instant known = taken.get(key);
        if (known != null && known.plus(REMEMBER_FOR).isAfter(clock.instant())) {
            return true;
        }
        boolean contains = super.contains(key);
        if (contains) {
            remember(key);
        } else {
            taken.remove(key);
        }
        return contains;
    }

    @Override
    public boolean add(String key) {
        try {
            boolean added = super.add(key);
            remember(key); // added here, or it was already there
            return added;
        } catch (DuplicateKeyException takenByAnotherInstance) {
            remember(key);
            return false;
        }
    }

    private void remember(String key) {
        taken.put(key, clock.instant());
    }

    @Override
    public boolean remove(String key) {
        taken.remove(key);
        return super.remove(key);
    }

    @Override
    public void clear() {
        taken.clear();
        super.clear();
    }
}
