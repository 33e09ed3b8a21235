#!/usr/bin/env python3
"""Unpacks an OCI image tarball (as written by Jib) into a root filesystem directory and prints its
entrypoint, working directory, user and environment as JSON: enough to run the image with chroot on a
machine without a container runtime (bench/deploy/smoke-run.sh). Standard library only; handles
whiteouts (.wh.) minimally (deletes the named file)."""
import json, os, shutil, sys, tarfile

def blob(tar, digest):
    return tar.extractfile("blobs/" + digest.replace(":", "/"))

def main(image, rootfs):
    with tarfile.open(image) as tar:
        index = json.load(tar.extractfile("index.json"))
        manifest = json.load(blob(tar, index["manifests"][0]["digest"]))
        config = json.load(blob(tar, manifest["config"]["digest"]))
        os.makedirs(rootfs, exist_ok=True)
        for layer in manifest["layers"]:
            with tarfile.open(fileobj=blob(tar, layer["digest"]), mode="r|*") as lt:
                for member in lt:
                    name = os.path.basename(member.name)
                    if name.startswith(".wh."):
                        target = os.path.join(rootfs, os.path.dirname(member.name), name[4:])
                        if os.path.isdir(target) and not os.path.islink(target):
                            shutil.rmtree(target)
                        elif os.path.lexists(target):
                            os.remove(target)
                        continue
                    lt.extract(member, rootfs, set_attrs=True, numeric_owner=True)
    c = config["config"]
    print(json.dumps({"entrypoint": c.get("Entrypoint", []) + (c.get("Cmd") or []), "workdir": c.get("WorkingDir", "/"),
                      "user": c.get("User", "0"), "env": c.get("Env", [])}))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
