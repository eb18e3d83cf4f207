package dev.backpack.core.files.control;

import dev.backpack.core.admin.control.Stats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reports the bytes of this backpack's stored files to {@code GET /api/admin/stats}. */
@ApplicationScoped
public class FilesMeter implements Stats.StorageMeter {

  @Inject FileStore store;

  @Override
  public String name() {
    return "files";
  }

  @Override
  public long bytes() {
    return store.usage().bytes();
  }
}
