package io.mediaroutes.pipeline;

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
 * <li>The keys known to be taken are remembered (the newest {@value #REMEMBERED}): a drop stays in the folder until
 * its insights are delivered, and the folder consumer asks about every file at every scan, which was a query per
 * file four times a second. Only "taken" is remembered: a key is never un-taken by another instance (keys are added
 * once handled and never removed but by the instance that holds the drop), so a remembered answer stays true.</li>
 * </ul>
 */
public class DropRepository extends JdbcMessageIdRepository {

    static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> taken = LRUCacheFactory.newLRUCache(REMEMBERED);

    public DropRepository(DataSource dataSource) {
        super(dataSource, "drop");
        setCreateTableIfNotExists(false); // Flyway creates CAMEL_MESSAGEPROCESSED
    }

    @Override
    public boolean contains(String key) {
        if (taken.containsKey(key)) {
            return true;
        }
        boolean contains = super.contains(key);
        if (contains) {
            taken.put(key, Boolean.TRUE);
        }
        return contains;
    }

    @Override
    public boolean add(String key) {
        try {
            boolean added = super.add(key);
            taken.put(key, Boolean.TRUE); // added here, or it was already there
            return added;
        } catch (DuplicateKeyException takenByAnotherInstance) {
            taken.put(key, Boolean.TRUE);
            return false;
        }
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
