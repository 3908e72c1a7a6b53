#include <config.h>
#include <re.h>
#include "statusline.h"
int main(void){return 0;}
